CREATE TABLE "registry"."usage_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"variant_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_reports" ADD CONSTRAINT "usage_reports_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_reports_received_at_idx" ON "registry"."usage_reports" USING btree ("received_at");