CREATE VIEW IF NOT EXISTS invoice_totals AS SELECT sum(amount) AS total FROM invoices;
-- rollback
DROP VIEW IF EXISTS invoice_totals;
