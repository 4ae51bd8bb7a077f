CREATE SCHEMA "registry";
--> statement-breakpoint
CREATE TABLE "registry"."checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"subgraph_name" text NOT NULL,
	"sdl_hash" text NOT NULL,
	"ok" boolean NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."graphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"graph_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."subgraph_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subgraph_id" uuid NOT NULL,
	"routing_url" text NOT NULL,
	"sdl" text NOT NULL,
	"hash" text NOT NULL,
	"author" text,
	"commit" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."subgraphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"routing_url" text NOT NULL,
	"owner" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."schema_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supergraph_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"change_id" text NOT NULL,
	"type" text NOT NULL,
	"criticality" text NOT NULL,
	"coordinate" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."supergraph_version_subgraphs" (
	"supergraph_version_id" uuid NOT NULL,
	"subgraph_version_id" uuid NOT NULL,
	CONSTRAINT "supergraph_version_subgraphs_pk" PRIMARY KEY("supergraph_version_id","subgraph_version_id")
);
--> statement-breakpoint
CREATE TABLE "registry"."supergraph_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"supergraph_sdl" text NOT NULL,
	"api_sdl" text NOT NULL,
	"hash" text NOT NULL,
	"changelog" text NOT NULL,
	"rolled_back_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"scope" text NOT NULL,
	"graph" text,
	"subgraphs" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "registry"."checks" ADD CONSTRAINT "checks_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."variants" ADD CONSTRAINT "variants_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "registry"."graphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."subgraph_versions" ADD CONSTRAINT "subgraph_versions_subgraph_id_subgraphs_id_fk" FOREIGN KEY ("subgraph_id") REFERENCES "registry"."subgraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."subgraphs" ADD CONSTRAINT "subgraphs_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."schema_changes" ADD CONSTRAINT "schema_changes_supergraph_version_id_supergraph_versions_id_fk" FOREIGN KEY ("supergraph_version_id") REFERENCES "registry"."supergraph_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."supergraph_version_subgraphs" ADD CONSTRAINT "supergraph_version_subgraphs_supergraph_version_id_supergraph_versions_id_fk" FOREIGN KEY ("supergraph_version_id") REFERENCES "registry"."supergraph_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."supergraph_version_subgraphs" ADD CONSTRAINT "supergraph_version_subgraphs_subgraph_version_id_subgraph_versions_id_fk" FOREIGN KEY ("subgraph_version_id") REFERENCES "registry"."subgraph_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."supergraph_versions" ADD CONSTRAINT "supergraph_versions_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checks_variant_id_created_at_idx" ON "registry"."checks" USING btree ("variant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "graphs_name_idx" ON "registry"."graphs" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "variants_graph_id_name_idx" ON "registry"."variants" USING btree ("graph_id","name");--> statement-breakpoint
CREATE INDEX "variants_graph_id_idx" ON "registry"."variants" USING btree ("graph_id");--> statement-breakpoint
CREATE INDEX "subgraph_versions_subgraph_id_idx" ON "registry"."subgraph_versions" USING btree ("subgraph_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subgraphs_variant_id_name_idx" ON "registry"."subgraphs" USING btree ("variant_id","name");--> statement-breakpoint
CREATE INDEX "schema_changes_supergraph_version_id_idx" ON "registry"."schema_changes" USING btree ("supergraph_version_id");--> statement-breakpoint
CREATE INDEX "schema_changes_coordinate_idx" ON "registry"."schema_changes" USING btree ("coordinate");--> statement-breakpoint
CREATE INDEX "supergraph_version_subgraphs_subgraph_version_id_idx" ON "registry"."supergraph_version_subgraphs" USING btree ("subgraph_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supergraph_versions_variant_id_version_idx" ON "registry"."supergraph_versions" USING btree ("variant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_token_hash_idx" ON "registry"."tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "tokens_graph_idx" ON "registry"."tokens" USING btree ("graph");