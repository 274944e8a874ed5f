DROP INDEX "audit_event_patient_idx";--> statement-breakpoint
DROP INDEX "audit_event_agent_idx";--> statement-breakpoint
CREATE INDEX "audit_event_patient_seq_idx" ON "audit_event" USING btree ("patient_national_id","seq");--> statement-breakpoint
CREATE INDEX "audit_event_agent_seq_idx" ON "audit_event" USING btree ("agent_user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_event_subtype_seq_idx" ON "audit_event" USING btree ("subtype","seq");--> statement-breakpoint
CREATE INDEX "audit_event_outcome_seq_idx" ON "audit_event" USING btree ("outcome","seq");--> statement-breakpoint
CREATE INDEX "audit_event_entity_email_seq_idx" ON "audit_event" USING btree (("entity"->>'email'),"seq");