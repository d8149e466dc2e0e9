CREATE TABLE `order_items` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`round_id` text NOT NULL,
	`session_id` text NOT NULL,
	`dish_id` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`line_total` integer NOT NULL,
	`status` text NOT NULL,
	`void_reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_items_merchant_idx` ON `order_items` (`merchant_id`,`store_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`session_id` text NOT NULL,
	`table_id` text NOT NULL,
	`round_no` integer NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer NOT NULL,
	`lines` text NOT NULL,
	`submitted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_rounds_session_round_uq` ON `order_rounds` (`session_id`,`round_no`);--> statement-breakpoint
CREATE INDEX `order_rounds_merchant_idx` ON `order_rounds` (`merchant_id`,`store_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `table_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`table_id` text NOT NULL,
	`currency` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`guest_count` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`close_reason` text
);
--> statement-breakpoint
CREATE INDEX `table_sessions_merchant_idx` ON `table_sessions` (`merchant_id`,`store_id`,`opened_at`);