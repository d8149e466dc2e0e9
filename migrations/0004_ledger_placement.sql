DROP TABLE `order_items`;--> statement-breakpoint
DROP TABLE `order_rounds`;--> statement-breakpoint
DROP TABLE `table_sessions`;--> statement-breakpoint
ALTER TABLE `merchants` ADD `ledger` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `merchants_ledger_idx` ON `merchants` (`ledger`);