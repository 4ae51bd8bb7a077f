CREATE TABLE "registry"."usage_subgraph_fetches" (
	"variant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"subgraph" text NOT NULL,
	"signature" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"fetches" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"latency_histogram" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	CONSTRAINT "usage_subgraph_fetches_pk" PRIMARY KEY("variant_id","hour","subgraph","signature","client_name","client_version")
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_subgraph_fetches" ADD CONSTRAINT "usage_subgraph_fetches_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_subgraph_fetches_variant_id_hour_idx" ON "registry"."usage_subgraph_fetches" USING btree ("variant_id","hour");