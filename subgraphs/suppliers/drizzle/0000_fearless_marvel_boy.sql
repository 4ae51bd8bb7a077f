CREATE SCHEMA "suppliers";
--> statement-breakpoint
CREATE TABLE "suppliers"."offers" (
	"id" text PRIMARY KEY NOT NULL,
	"supply_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"stock" integer NOT NULL,
	"minimum_order_quantity" integer NOT NULL,
	"lead_time_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers"."suppliers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"rating" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "suppliers"."offers" ADD CONSTRAINT "offers_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_supply_id_price_idx" ON "suppliers"."offers" USING btree ("supply_id","unit_price_cents");--> statement-breakpoint
CREATE INDEX "offers_supplier_id_id_idx" ON "suppliers"."offers" USING btree ("supplier_id","id");