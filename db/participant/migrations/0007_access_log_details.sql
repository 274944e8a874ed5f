DROP INDEX "access_event_patient_idx";--> statement-breakpoint
ALTER TABLE "access_event_index" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "access_event_index" ADD COLUMN "agreement_id" text;--> statement-breakpoint
ALTER TABLE "access_event_index" ADD COLUMN "data_categories" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "access_event_recorded_idx" ON "access_event_index" USING btree ("recorded","id");--> statement-breakpoint
CREATE INDEX "access_event_patient_idx" ON "access_event_index" USING btree ("patient_national_id","recorded","id");