CREATE TABLE "registry"."document_manifests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"document_count" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."persisted_documents" (
	"manifest_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"document_id" text NOT NULL,
	"operation_name" text,
	"operation_type" text,
	"body" text NOT NULL,
	"coordinates" text[] NOT NULL,
	CONSTRAINT "persisted_documents_pk" PRIMARY KEY("manifest_id","document_id")
);
--> statement-breakpoint
ALTER TABLE "registry"."document_manifests" ADD CONSTRAINT "document_manifests_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."persisted_documents" ADD CONSTRAINT "persisted_documents_manifest_id_document_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "registry"."document_manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."persisted_documents" ADD CONSTRAINT "persisted_documents_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_manifests_variant_client_version_idx" ON "registry"."document_manifests" USING btree ("variant_id","client_name","client_version");--> statement-breakpoint
CREATE INDEX "persisted_documents_variant_document_idx" ON "registry"."persisted_documents" USING btree ("variant_id","document_id");--> statement-breakpoint
CREATE INDEX "persisted_documents_coordinates_idx" ON "registry"."persisted_documents" USING gin ("coordinates");