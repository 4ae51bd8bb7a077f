CREATE TABLE "registry"."usage_report_inbox" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"variant_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"report_gzip" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_report_inbox" ADD CONSTRAINT "usage_report_inbox_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_report_inbox_received_at_idx" ON "registry"."usage_report_inbox" USING btree ("received_at","report_id");--> statement-breakpoint
-- Already compressed: stored out of line as it is, without PostgreSQL trying to compress it again.
ALTER TABLE "registry"."usage_report_inbox" ALTER COLUMN "report_gzip" SET STORAGE EXTERNAL;