CREATE TABLE "registry"."usage_coordinates_daily" (
	"variant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"coordinate" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_coordinates_daily_pk" PRIMARY KEY("variant_id","day","coordinate","client_name","client_version")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_coordinates_hourly" (
	"variant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"coordinate" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_coordinates_hourly_pk" PRIMARY KEY("variant_id","hour","coordinate","client_name","client_version")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_operations" (
	"variant_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"document" text NOT NULL,
	"coordinates" text[] DEFAULT '{}' NOT NULL,
	"subgraphs" text[] DEFAULT '{}' NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_operations_pk" PRIMARY KEY("variant_id","signature")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_operations_daily" (
	"variant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"signature" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"latency_histogram" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	CONSTRAINT "usage_operations_daily_pk" PRIMARY KEY("variant_id","day","signature","client_name","client_version")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_operations_hourly" (
	"variant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"errors" bigint DEFAULT 0 NOT NULL,
	"latency_histogram" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	CONSTRAINT "usage_operations_hourly_pk" PRIMARY KEY("variant_id","hour","signature","client_name","client_version")
);
--> statement-breakpoint
ALTER TABLE "registry"."usage_coordinates_daily" ADD CONSTRAINT "usage_coordinates_daily_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_coordinates_hourly" ADD CONSTRAINT "usage_coordinates_hourly_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_operations" ADD CONSTRAINT "usage_operations_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_operations_daily" ADD CONSTRAINT "usage_operations_daily_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_operations_hourly" ADD CONSTRAINT "usage_operations_hourly_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_coordinates_daily_variant_id_coordinate_idx" ON "registry"."usage_coordinates_daily" USING btree ("variant_id","coordinate");--> statement-breakpoint
CREATE INDEX "usage_coordinates_hourly_variant_id_coordinate_idx" ON "registry"."usage_coordinates_hourly" USING btree ("variant_id","coordinate");--> statement-breakpoint
CREATE INDEX "usage_operations_variant_id_last_seen_idx" ON "registry"."usage_operations" USING btree ("variant_id","last_seen");--> statement-breakpoint
CREATE INDEX "usage_operations_daily_variant_id_signature_idx" ON "registry"."usage_operations_daily" USING btree ("variant_id","signature");--> statement-breakpoint
CREATE INDEX "usage_operations_hourly_variant_id_signature_idx" ON "registry"."usage_operations_hourly" USING btree ("variant_id","signature");