CREATE TABLE "access_log_visit" (
	"patient_national_id" text PRIMARY KEY NOT NULL,
	"last_visit_at" timestamp with time zone NOT NULL,
	"known_organisations" text[] DEFAULT '{}' NOT NULL
);
