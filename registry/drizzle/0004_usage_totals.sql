CREATE TABLE "registry"."usage_coordinate_clients" (
	"variant_id" uuid NOT NULL,
	"coordinate" text NOT NULL,
	"client_name" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	CONSTRAINT "usage_coordinate_clients_pk" PRIMARY KEY("variant_id","coordinate","client_name")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_coordinate_totals_daily" (
	"variant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"coordinate" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_coordinate_totals_daily_pk" PRIMARY KEY("variant_id","day","coordinate")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_operation_totals_daily" (
	"variant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"signature" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"latency_histogram" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	CONSTRAINT "usage_operation_totals_daily_pk" PRIMARY KEY("variant_id","day","signature")
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_coordinate_clients" ADD CONSTRAINT "usage_coordinate_clients_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_coordinate_totals_daily" ADD CONSTRAINT "usage_coordinate_totals_daily_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_operation_totals_daily" ADD CONSTRAINT "usage_operation_totals_daily_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_coordinate_clients_variant_id_last_day_idx" ON "registry"."usage_coordinate_clients" USING btree ("variant_id","last_day");--> statement-breakpoint
-- Usage already rolled into days gets its totals and client spans, so reports read the same counts as before.
INSERT INTO "registry"."usage_coordinate_totals_daily" ("variant_id", "day", "coordinate", "count")
SELECT "variant_id", "day", "coordinate", least(sum("count"), 9223372036854775807)::bigint
FROM "registry"."usage_coordinates_daily" GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "registry"."usage_coordinate_clients" ("variant_id", "coordinate", "client_name", "first_day", "last_day")
SELECT "variant_id", "coordinate", "client_name", min("day"), max("day")
FROM "registry"."usage_coordinates_daily" WHERE "count" > 0 GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "registry"."usage_operation_totals_daily" ("variant_id", "day", "signature", "count", "errors", "latency_histogram")
SELECT t."variant_id", t."day", t."signature", t."count", t."errors", coalesce(h."latency_histogram", '{}'::bigint[])
FROM (
  SELECT "variant_id", "day", "signature", least(sum("count"), 9223372036854775807)::bigint AS "count",
    least(sum("errors"), 9223372036854775807)::bigint AS "errors"
  FROM "registry"."usage_operations_daily" GROUP BY 1, 2, 3
) t LEFT JOIN (
  SELECT "variant_id", "day", "signature", array_agg("slot" ORDER BY "i")::bigint[] AS "latency_histogram"
  FROM (
    SELECT "variant_id", "day", "signature", "i", least(sum("slot"), 9223372036854775807)::bigint AS "slot"
    FROM "registry"."usage_operations_daily", unnest("latency_histogram") WITH ORDINALITY AS h("slot", "i")
    GROUP BY 1, 2, 3, 4
  ) s GROUP BY 1, 2, 3
) h USING ("variant_id", "day", "signature");
