DROP INDEX `tables_merchant_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `tables_store_name_uq` ON `tables` (`merchant_id`,`store_id`,`name`);