-- The usage counters are upserted by every fold: many folds add to the same 5-minute bucket's rows. With room left
-- on each page, PostgreSQL updates a counter in place (a HOT update: the counters are in no index) instead of writing
-- a new row version into every index; measured, that halves the database's work for a fold that adds to known rows.
ALTER TABLE "registry"."usage_coordinates_hourly" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "registry"."usage_operations_hourly" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "registry"."usage_subgraph_fetches" SET (fillfactor = 70);
