CREATE TABLE "access_log_visit" (
	"patient_national_id" text PRIMARY KEY NOT NULL,
	"last_visit_at" timestamp with time zone NOT NULL,
	"known_organisations" text[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "break_glass_review" (
	"grant_id" uuid PRIMARY KEY NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"comment" text NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "break_glass_review" ADD CONSTRAINT "break_glass_review_grant_id_break_glass_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."break_glass_grant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_review" ADD CONSTRAINT "break_glass_review_reviewer_id_app_user_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;