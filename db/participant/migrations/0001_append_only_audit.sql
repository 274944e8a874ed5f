-- A provider's access log is evidence for the patient's access log (EHDS Art. 9): refuse edits and deletes.
CREATE OR REPLACE FUNCTION provider_audit_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'provider_audit_event is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER provider_audit_event_no_update BEFORE UPDATE OR DELETE ON provider_audit_event
  FOR EACH ROW EXECUTE FUNCTION provider_audit_event_append_only();
