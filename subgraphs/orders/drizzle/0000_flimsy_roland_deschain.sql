CREATE SCHEMA "orders";
--> statement-breakpoint
CREATE TABLE "orders"."order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"position" integer NOT NULL,
	"supply_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"currency" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."purchase_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"placed_by_id" text NOT NULL,
	"status" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "orders"."order_lines" ADD CONSTRAINT "order_lines_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_lines_order_id_idx" ON "orders"."order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_clinic_id_placed_at_idx" ON "orders"."purchase_orders" USING btree ("clinic_id","placed_at" DESC NULLS LAST,"id" DESC NULLS LAST);