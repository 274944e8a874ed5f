CREATE TABLE "tumour_board_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"patient_national_id" text NOT NULL,
	"question" text NOT NULL,
	"standard_of_care" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'nominated' NOT NULL,
	"accepted_missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"nominated_by" uuid NOT NULL,
	"nominated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tumour_board_case_once_per_session" UNIQUE("session_id","patient_national_id")
);
--> statement-breakpoint
CREATE TABLE "tumour_board_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"amendment_reason" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"content_hash" text,
	CONSTRAINT "tumour_board_decision_version" UNIQUE("case_id","version")
);
--> statement-breakpoint
CREATE TABLE "tumour_board_follow_up" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"therapy_given" boolean NOT NULL,
	"response" text NOT NULL,
	"adverse_events" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tumour_board_follow_up_once" UNIQUE("case_id","months")
);
--> statement-breakpoint
CREATE TABLE "tumour_board_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"chair_id" uuid NOT NULL,
	"members" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tumour_board_case" ADD CONSTRAINT "tumour_board_case_session_id_tumour_board_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."tumour_board_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_case" ADD CONSTRAINT "tumour_board_case_nominated_by_app_user_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_decision" ADD CONSTRAINT "tumour_board_decision_case_id_tumour_board_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."tumour_board_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_decision" ADD CONSTRAINT "tumour_board_decision_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_decision" ADD CONSTRAINT "tumour_board_decision_signed_by_app_user_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_follow_up" ADD CONSTRAINT "tumour_board_follow_up_case_id_tumour_board_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."tumour_board_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_follow_up" ADD CONSTRAINT "tumour_board_follow_up_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_session" ADD CONSTRAINT "tumour_board_session_chair_id_app_user_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumour_board_session" ADD CONSTRAINT "tumour_board_session_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tumour_board_case_session_idx" ON "tumour_board_case" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "tumour_board_case_patient_idx" ON "tumour_board_case" USING btree ("patient_national_id");--> statement-breakpoint
CREATE INDEX "tumour_board_session_date_idx" ON "tumour_board_session" USING btree ("scheduled_at");