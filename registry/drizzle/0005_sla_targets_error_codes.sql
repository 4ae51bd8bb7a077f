CREATE TABLE "registry"."sla_targets" (
	"variant_id" uuid NOT NULL,
	"client_name" text DEFAULT '' NOT NULL,
	"operation_name" text DEFAULT '' NOT NULL,
	"latency_percentile" integer DEFAULT 95 NOT NULL,
	"latency_ms" double precision,
	"error_rate" double precision,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "sla_targets_pk" PRIMARY KEY("variant_id","client_name","operation_name")
);
--> statement-breakpoint
CREATE TABLE "registry"."usage_operation_error_codes" (
	"variant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"client_name" text NOT NULL,
	"client_version" text NOT NULL,
	"code" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_operation_error_codes_pk" PRIMARY KEY("variant_id","hour","signature","client_name","client_version","code")
);
--> statement-breakpoint
ALTER TABLE "registry"."sla_targets" ADD CONSTRAINT "sla_targets_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry"."usage_operation_error_codes" ADD CONSTRAINT "usage_operation_error_codes_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "registry"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_operation_error_codes_variant_id_signature_idx" ON "registry"."usage_operation_error_codes" USING btree ("variant_id","signature");