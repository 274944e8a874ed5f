CREATE TABLE "audit_event" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"subtype" text NOT NULL,
	"action" text NOT NULL,
	"recorded" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"outcome_description" text,
	"agent_user_id" text,
	"agent_role" text,
	"agent_organisation" text,
	"patient_national_id" text,
	"entity" jsonb,
	"purpose_of_use" text,
	"source" text NOT NULL,
	"client_address" text,
	"request_id" text,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_event_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "care_relationship" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinician_id" uuid NOT NULL,
	"patient_national_id" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"until" timestamp with time zone,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"client_address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"organisation" text,
	"national_id" text,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_email_unique" UNIQUE("email"),
	CONSTRAINT "app_user_national_id_unique" UNIQUE("national_id")
);
--> statement-breakpoint
ALTER TABLE "care_relationship" ADD CONSTRAINT "care_relationship_clinician_id_app_user_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_relationship" ADD CONSTRAINT "care_relationship_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_patient_idx" ON "audit_event" USING btree ("patient_national_id","recorded");--> statement-breakpoint
CREATE INDEX "audit_event_agent_idx" ON "audit_event" USING btree ("agent_user_id","recorded");--> statement-breakpoint
CREATE INDEX "audit_event_recorded_idx" ON "audit_event" USING btree ("recorded");--> statement-breakpoint
CREATE INDEX "care_relationship_clinician_idx" ON "care_relationship" USING btree ("clinician_id","patient_national_id");--> statement-breakpoint
CREATE INDEX "care_relationship_patient_idx" ON "care_relationship" USING btree ("patient_national_id");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_email_idx" ON "sign_in_attempt" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_address_idx" ON "sign_in_attempt" USING btree ("client_address","at");--> statement-breakpoint
CREATE INDEX "app_user_role_idx" ON "app_user" USING btree ("role");