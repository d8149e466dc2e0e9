CREATE TABLE `bills` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`session_id` text NOT NULL,
	`table_id` text NOT NULL,
	`bill_no` integer DEFAULT 1 NOT NULL,
	`currency` text NOT NULL,
	`tax_mode` text NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`service_bp` integer NOT NULL,
	`subtotal` integer NOT NULL,
	`service` integer NOT NULL,
	`tax` integer NOT NULL,
	`total` integer NOT NULL,
	`paid` integer DEFAULT 0 NOT NULL,
	`tips` integer DEFAULT 0 NOT NULL,
	`refunded` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`lines` text NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	CONSTRAINT "bills_amounts_ck" CHECK("bills"."subtotal" >= 0 AND "bills"."service" >= 0 AND "bills"."tax" >= 0 AND "bills"."total" >= 0 AND "bills"."paid" >= 0 AND "bills"."tips" >= 0 AND "bills"."refunded" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bills_session_no_uq` ON `bills` (`session_id`,`bill_no`);--> statement-breakpoint
CREATE INDEX `bills_merchant_idx` ON `bills` (`merchant_id`,`store_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `payment_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`provider` text NOT NULL,
	`notify_type` text,
	`payment_request_id` text,
	`refund_request_id` text,
	`payment_id` text,
	`raw_body` text NOT NULL,
	`headers` text NOT NULL,
	`verdict` text NOT NULL,
	`reject_reason` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payment_notifications_store_day_idx` ON `payment_notifications` (`merchant_id`,`store_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `payment_notifications_payment_idx` ON `payment_notifications` (`payment_request_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`bill_id` text NOT NULL,
	`session_id` text NOT NULL,
	`table_id` text NOT NULL,
	`payment_request_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_payment_id` text,
	`method_type` text NOT NULL,
	`product_code` text NOT NULL,
	`payer_id` text,
	`amount` integer NOT NULL,
	`tip` integer DEFAULT 0 NOT NULL,
	`charged` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`failure_code` text,
	`covers` text NOT NULL,
	`refunded` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`settled_at` integer,
	`expires_at` integer NOT NULL,
	CONSTRAINT "payments_amounts_ck" CHECK("payments"."amount" >= 0 AND "payments"."tip" >= 0 AND "payments"."charged" = "payments"."amount" + "payments"."tip" AND "payments"."refunded" >= 0 AND "payments"."refunded" <= "payments"."charged")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_request_uq` ON `payments` (`payment_request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_uq` ON `payments` (`provider`,`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `payments_store_day_idx` ON `payments` (`merchant_id`,`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_bill_idx` ON `payments` (`bill_id`);--> statement-breakpoint
CREATE INDEX `payments_state_idx` ON `payments` (`state`,`expires_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`bill_id` text NOT NULL,
	`refund_request_id` text NOT NULL,
	`provider_refund_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`failure_code` text,
	`reason` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`settled_at` integer,
	CONSTRAINT "refunds_amount_ck" CHECK("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_request_uq` ON `refunds` (`refund_request_id`);--> statement-breakpoint
CREATE INDEX `refunds_store_day_idx` ON `refunds` (`merchant_id`,`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);