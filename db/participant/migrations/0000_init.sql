CREATE TABLE "access_event_index" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_national_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"audit_event_id" text NOT NULL,
	"recorded" timestamp with time zone NOT NULL,
	"purpose" text NOT NULL,
	"consumer_id" text,
	"professional" text,
	"professional_role" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "consent_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_national_id" text NOT NULL,
	"decision" text NOT NULL,
	"purpose" text,
	"organisation" text,
	"professional" text,
	"data_category" text,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text
);
--> statement-breakpoint
CREATE TABLE "fhir_resource" (
	"resource_type" text NOT NULL,
	"id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"patient_id" text,
	"national_id" text,
	"data_category" text NOT NULL,
	"codes" text[] NOT NULL,
	"identifiers" text[] NOT NULL,
	"date" timestamp with time zone,
	"last_updated" timestamp with time zone NOT NULL,
	"resource" jsonb NOT NULL,
	CONSTRAINT "fhir_resource_resource_type_id_pk" PRIMARY KEY("resource_type","id")
);
--> statement-breakpoint
CREATE TABLE "contract_agreement" (
	"id" text PRIMARY KEY NOT NULL,
	"negotiation_pid" text NOT NULL,
	"assigner" text NOT NULL,
	"assignee" text NOT NULL,
	"target" text NOT NULL,
	"purpose" text NOT NULL,
	"policy" jsonb NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_negotiation" (
	"pid" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"provider_pid" text NOT NULL,
	"consumer_pid" text NOT NULL,
	"counterparty_id" text NOT NULL,
	"state" text NOT NULL,
	"dataset_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"offer" jsonb NOT NULL,
	"purpose" text,
	"callback_address" text,
	"agreement_id" text,
	"termination_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pid" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"event" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participant_key" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participant_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seen_token" (
	"jti" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_audit_event" (
	"id" text PRIMARY KEY NOT NULL,
	"recorded" timestamp with time zone NOT NULL,
	"patient_national_id" text,
	"consumer_id" text,
	"purpose" text,
	"outcome" text NOT NULL,
	"resource" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_location" (
	"national_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_location_national_id_provider_id_pk" PRIMARY KEY("national_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "issued_credential" (
	"jti" text PRIMARY KEY NOT NULL,
	"participant_id" text NOT NULL,
	"jkt" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry_participant" (
	"id" text PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"kind" text NOT NULL,
	"roles" jsonb NOT NULL,
	"base_url" text,
	"jwks" jsonb,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text
);
--> statement-breakpoint
CREATE TABLE "transfer_process" (
	"pid" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"provider_pid" text NOT NULL,
	"consumer_pid" text NOT NULL,
	"counterparty_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"format" text NOT NULL,
	"state" text NOT NULL,
	"callback_address" text,
	"reason" text,
	"token_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_agreement" ADD CONSTRAINT "contract_agreement_negotiation_pid_contract_negotiation_pid_fk" FOREIGN KEY ("negotiation_pid") REFERENCES "public"."contract_negotiation"("pid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_history" ADD CONSTRAINT "negotiation_history_pid_contract_negotiation_pid_fk" FOREIGN KEY ("pid") REFERENCES "public"."contract_negotiation"("pid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_credential" ADD CONSTRAINT "issued_credential_participant_id_registry_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."registry_participant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_event_patient_idx" ON "access_event_index" USING btree ("patient_national_id","recorded");--> statement-breakpoint
CREATE INDEX "access_event_audit_idx" ON "access_event_index" USING btree ("provider_id","audit_event_id");--> statement-breakpoint
CREATE INDEX "consent_rule_patient_idx" ON "consent_rule" USING btree ("patient_national_id","purpose");--> statement-breakpoint
CREATE INDEX "fhir_resource_patient_idx" ON "fhir_resource" USING btree ("resource_type","patient_id","date");--> statement-breakpoint
CREATE INDEX "fhir_resource_date_idx" ON "fhir_resource" USING btree ("resource_type","date");--> statement-breakpoint
CREATE INDEX "fhir_resource_codes_idx" ON "fhir_resource" USING gin ("codes");--> statement-breakpoint
CREATE INDEX "fhir_resource_identifiers_idx" ON "fhir_resource" USING gin ("identifiers");--> statement-breakpoint
CREATE INDEX "fhir_resource_national_idx" ON "fhir_resource" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "contract_agreement_assignee_idx" ON "contract_agreement" USING btree ("assignee");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_negotiation_counterparty_uq" ON "contract_negotiation" USING btree ("role","counterparty_id","consumer_pid");--> statement-breakpoint
CREATE INDEX "negotiation_history_pid_idx" ON "negotiation_history" USING btree ("pid","at");--> statement-breakpoint
CREATE INDEX "seen_token_expires_idx" ON "seen_token" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "provider_audit_patient_idx" ON "provider_audit_event" USING btree ("patient_national_id","recorded");--> statement-breakpoint
CREATE INDEX "record_location_provider_idx" ON "record_location" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "issued_credential_participant_idx" ON "issued_credential" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_process_counterparty_uq" ON "transfer_process" USING btree ("role","counterparty_id","consumer_pid");