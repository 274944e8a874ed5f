CREATE TABLE "consent_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"patient_national_id" text NOT NULL,
	"version" integer NOT NULL,
	"resource" jsonb NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL,
	"idempotency_key" text,
	"receipt" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "consent_version_patient_version_idx" ON "consent_version" USING btree ("patient_national_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_version_idempotency_idx" ON "consent_version" USING btree ("patient_national_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "consent_version_patient_idx" ON "consent_version" USING btree ("patient_national_id");