DROP INDEX `memberships_merchant_idx`;--> statement-breakpoint
DROP INDEX `memberships_isv_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_merchant_user_uq` ON `memberships` (`merchant_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_isv_user_uq` ON `memberships` (`isv_id`,`user_id`);