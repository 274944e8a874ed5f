CREATE TABLE "access_event_outbox" (
	"audit_event_id" text PRIMARY KEY NOT NULL,
	"report" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digital_twin_record" (
	"id" text PRIMARY KEY NOT NULL,
	"sex" text NOT NULL,
	"age_years" integer NOT NULL,
	"baseline_hba1c_mmol_mol" integer NOT NULL,
	"bmi_kg_m2" real NOT NULL,
	"egfr_ml_min_173m2" integer NOT NULL,
	"received_class" text NOT NULL,
	"follow_up_hba1c_mmol_mol" integer NOT NULL,
	"hba1c_change_mmol_mol" integer NOT NULL,
	"weight_change_kg" real NOT NULL,
	"features" jsonb NOT NULL
);
--> statement-breakpoint
DROP INDEX "access_event_audit_idx";--> statement-breakpoint
CREATE INDEX "access_event_outbox_due_idx" ON "access_event_outbox" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "digital_twin_class_idx" ON "digital_twin_record" USING btree ("received_class");--> statement-breakpoint
CREATE UNIQUE INDEX "access_event_audit_uq" ON "access_event_index" USING btree ("provider_id","audit_event_id");