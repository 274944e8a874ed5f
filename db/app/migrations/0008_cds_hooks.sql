CREATE TABLE "cds_client_token" (
	"issuer" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cds_client_token_issuer_jti_pk" PRIMARY KEY("issuer","jti")
);
--> statement-breakpoint
CREATE TABLE "cds_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" text NOT NULL,
	"issuer" text NOT NULL,
	"card_uuid" text NOT NULL,
	"outcome" text NOT NULL,
	"accepted_suggestions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" jsonb,
	"user_comment" text,
	"outcome_timestamp" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cds_client_token_expires_idx" ON "cds_client_token" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cds_feedback_card_idx" ON "cds_feedback" USING btree ("card_uuid");--> statement-breakpoint
CREATE INDEX "cds_feedback_service_idx" ON "cds_feedback" USING btree ("service_id","received_at");