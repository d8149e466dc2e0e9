ALTER TABLE `stores` ADD `admission` text DEFAULT 'party' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `confirm_first_round` integer DEFAULT false NOT NULL;