CREATE TABLE "registry"."contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"source_variant_id" uuid NOT NULL,
	"include_tags" text[] DEFAULT '{}' NOT NULL,
	"exclude_tags" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry"."contracts" ADD CONSTRAINT "contracts_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."contracts" ADD CONSTRAINT "contracts_source_variant_id_variants_id_fk" FOREIGN KEY ("source_variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_variant_id_idx" ON "registry"."contracts" USING btree ("variant_id");--> statement-breakpoint
CREATE INDEX "contracts_source_variant_id_idx" ON "registry"."contracts" USING btree ("source_variant_id");