CREATE TABLE "transfer_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pid" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"event" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transfer_history" ADD CONSTRAINT "transfer_history_pid_transfer_process_pid_fk" FOREIGN KEY ("pid") REFERENCES "public"."transfer_process"("pid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transfer_history_pid_idx" ON "transfer_history" USING btree ("pid","at");