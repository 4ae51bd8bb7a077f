CREATE TABLE "registry"."audit_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"graph_id" uuid,
	"graph" text,
	"variant" text,
	"subgraph" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"code" text,
	"message" text NOT NULL,
	"token_id" uuid,
	"token_name" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry"."audit_entries" ADD CONSTRAINT "audit_entries_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "registry"."graphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entries_graph_created_at_idx" ON "registry"."audit_entries" USING btree ("graph","created_at");--> statement-breakpoint
CREATE INDEX "audit_entries_graph_id_idx" ON "registry"."audit_entries" USING btree ("graph_id");