CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE TABLE "catalog"."procedure_kit_items" (
	"procedure_id" text NOT NULL,
	"supply_id" text NOT NULL,
	"position" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "procedure_kit_items_pk" PRIMARY KEY("procedure_id","supply_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."procedures" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."supplies" (
	"id" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"pack_size" integer NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "supplies_sku_unique" UNIQUE("sku")
);
--> statement-breakpoint
ALTER TABLE "catalog"."procedure_kit_items" ADD CONSTRAINT "procedure_kit_items_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "catalog"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."procedure_kit_items" ADD CONSTRAINT "procedure_kit_items_supply_id_supplies_id_fk" FOREIGN KEY ("supply_id") REFERENCES "catalog"."supplies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_kit_items_supply_id_idx" ON "catalog"."procedure_kit_items" USING btree ("supply_id");--> statement-breakpoint
CREATE INDEX "supplies_name_id_idx" ON "catalog"."supplies" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "supplies_category_name_id_idx" ON "catalog"."supplies" USING btree ("category","name","id");