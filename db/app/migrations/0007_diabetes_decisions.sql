CREATE TABLE "diabetes_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinician_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"patient_national_id" text NOT NULL,
	"action" text NOT NULL,
	"chosen_class" text,
	"top_class" text,
	"override_reason" text,
	"note" text,
	"priority" text NOT NULL,
	"model_version" text,
	"model_sha256" text,
	"rule_set_version" text NOT NULL,
	"resource" jsonb NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "diabetes_decision" ADD CONSTRAINT "diabetes_decision_clinician_id_app_user_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "diabetes_decision_idempotency_idx" ON "diabetes_decision" USING btree ("clinician_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "diabetes_decision_patient_idx" ON "diabetes_decision" USING btree ("patient_national_id","decided_at");