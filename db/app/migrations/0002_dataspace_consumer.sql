CREATE TABLE "dataspace_agreement" (
	"id" text PRIMARY KEY NOT NULL,
	"negotiation_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"purpose" text NOT NULL,
	"assigner" text NOT NULL,
	"assignee" text NOT NULL,
	"target" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataspace_catalog" (
	"provider_id" text PRIMARY KEY NOT NULL,
	"provider_url" text NOT NULL,
	"catalog" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataspace_identity" (
	"participant_id" text PRIMARY KEY NOT NULL,
	"kid" text NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"credential" text,
	"credential_expires_at" timestamp with time zone,
	"enrolled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataspace_negotiation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consumer_pid" text NOT NULL,
	"provider_pid" text,
	"provider_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"purpose" text NOT NULL,
	"offer" jsonb NOT NULL,
	"state" text NOT NULL,
	"termination_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataspace_negotiation_consumer_pid_unique" UNIQUE("consumer_pid")
);
--> statement-breakpoint
CREATE TABLE "dataspace_negotiation_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"negotiation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "dataspace_transfer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consumer_pid" text NOT NULL,
	"provider_pid" text NOT NULL,
	"provider_id" text NOT NULL,
	"provider_url" text NOT NULL,
	"agreement_id" text NOT NULL,
	"purpose" text NOT NULL,
	"state" text NOT NULL,
	"endpoint" text,
	"token_expires_at" timestamp with time zone,
	"token_refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataspace_transfer_consumer_pid_unique" UNIQUE("consumer_pid")
);
--> statement-breakpoint
ALTER TABLE "dataspace_agreement" ADD CONSTRAINT "dataspace_agreement_negotiation_id_dataspace_negotiation_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."dataspace_negotiation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataspace_negotiation_event" ADD CONSTRAINT "dataspace_negotiation_event_negotiation_id_dataspace_negotiation_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."dataspace_negotiation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataspace_transfer" ADD CONSTRAINT "dataspace_transfer_agreement_id_dataspace_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."dataspace_agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataspace_agreement_provider_idx" ON "dataspace_agreement" USING btree ("provider_id","purpose");--> statement-breakpoint
CREATE INDEX "dataspace_negotiation_provider_idx" ON "dataspace_negotiation" USING btree ("provider_id","purpose","state");--> statement-breakpoint
CREATE UNIQUE INDEX "dataspace_negotiation_event_seq_idx" ON "dataspace_negotiation_event" USING btree ("negotiation_id","seq");--> statement-breakpoint
CREATE INDEX "dataspace_transfer_agreement_idx" ON "dataspace_transfer" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "dataspace_transfer_provider_idx" ON "dataspace_transfer" USING btree ("provider_id","purpose","state");