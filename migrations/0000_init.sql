CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`isv_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`isv_id`) REFERENCES `isvs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_isv_idx` ON `api_keys` (`isv_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text,
	`isv_id` text,
	`actor_user_id` text,
	`action` text NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_merchant_idx` ON `audit_log` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_isv_idx` ON `audit_log` (`isv_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`merchant_id` text,
	`isv_id` text,
	`store_id` text,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`isv_id`) REFERENCES `isvs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_merchant_idx` ON `invitations` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `isvs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`commission_bps` integer DEFAULT 1000 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`isv_id` text,
	`merchant_id` text,
	`store_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`isv_id`) REFERENCES `isvs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `memberships_merchant_idx` ON `memberships` (`merchant_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `memberships_isv_idx` ON `memberships` (`isv_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` text PRIMARY KEY NOT NULL,
	`isv_id` text,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`languages` text NOT NULL,
	`branding` text DEFAULT '{}' NOT NULL,
	`menu_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`isv_id`) REFERENCES `isvs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchants_slug_uq` ON `merchants` (`slug`);--> statement-breakpoint
CREATE INDEX `merchants_isv_idx` ON `merchants` (`isv_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`languages` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`require_all_confirm` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_merchant_slug_uq` ON `stores` (`merchant_id`,`slug`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `menu_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`station` text DEFAULT 'kitchen' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `menu_categories_merchant_idx` ON `menu_categories` (`merchant_id`,`position`);--> statement-breakpoint
CREATE TABLE `menu_dishes` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`category_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`price` integer NOT NULL,
	`image_url` text,
	`tags` text NOT NULL,
	`spice_level` integer DEFAULT 0 NOT NULL,
	`allergens` text NOT NULL,
	`staff_only` integer DEFAULT false NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`windows` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `menu_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `menu_dishes_merchant_idx` ON `menu_dishes` (`merchant_id`,`category_id`,`position`);--> statement-breakpoint
CREATE TABLE `menu_option_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`dish_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`min_select` integer DEFAULT 0 NOT NULL,
	`max_select` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dish_id`) REFERENCES `menu_dishes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `menu_option_groups_merchant_idx` ON `menu_option_groups` (`merchant_id`,`dish_id`,`position`);--> statement-breakpoint
CREATE TABLE `menu_options` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`price_delta` integer DEFAULT 0 NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `menu_option_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `menu_options_merchant_idx` ON `menu_options` (`merchant_id`,`group_id`,`position`);--> statement-breakpoint
CREATE TABLE `retired_table_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`table_id` text NOT NULL,
	`retired_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `menu_sold_out` (
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`dish_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dish_id`) REFERENCES `menu_dishes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `menu_sold_out_pk` ON `menu_sold_out` (`merchant_id`,`store_id`,`dish_id`);--> statement-breakpoint
CREATE TABLE `tables` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`area` text DEFAULT '' NOT NULL,
	`seats` integer DEFAULT 4 NOT NULL,
	`code` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tables_code_uq` ON `tables` (`code`);--> statement-breakpoint
CREATE INDEX `tables_merchant_idx` ON `tables` (`merchant_id`,`store_id`,`name`);--> statement-breakpoint
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
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
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
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
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
	`close_reason` text,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_sessions_merchant_idx` ON `table_sessions` (`merchant_id`,`store_id`,`opened_at`);