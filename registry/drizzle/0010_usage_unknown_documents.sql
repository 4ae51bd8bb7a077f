CREATE TABLE "registry"."usage_unknown_documents" (
	"variant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_unknown_documents_pk" PRIMARY KEY("variant_id","hour","signature","client_name","client_version")
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_unknown_documents" ADD CONSTRAINT "usage_unknown_documents_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;