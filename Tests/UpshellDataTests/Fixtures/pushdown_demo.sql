-- cleaning counts: lines per category of the cleaning report (one row)
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
)
SELECT COUNT(*) AS lines,
       SUM(CASE WHEN upshell_category = 'cancelled' THEN 1 ELSE 0 END) AS cancelled_lines,
       COUNT(DISTINCT CASE WHEN upshell_category = 'cancelled' THEN "order_id" END) AS cancelled_orders,
       SUM(CASE WHEN upshell_category = 'adjustments' THEN 1 ELSE 0 END) AS adjustment_lines,
       SUM(CASE WHEN upshell_category = 'returns' THEN 1 ELSE 0 END) AS return_lines,
       SUM(CASE WHEN upshell_category = 'non-positive-price' THEN 1 ELSE 0 END) AS non_positive_price_lines,
       SUM(CASE WHEN upshell_category = 'missing-values' THEN 1 ELSE 0 END) AS missing_value_lines,
       SUM(CASE WHEN ("customer_id" IS NULL OR "customer_id" = '') THEN 1 ELSE 0 END) AS missing_customer_lines,
       SUM(CASE WHEN upshell_category = 'missing-customer' THEN 1 ELSE 0 END) AS dropped_missing_customer_lines
FROM classified;

-- order table: one row per order (id, customer, time, value, units, shipping, cost)
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
)
SELECT "order_id" AS "order_id",
       MIN(NULLIF("customer_id", '')) AS "customer_id",
       MIN("created_at") AS "created_at",
       COALESCE(SUM(COALESCE("quantity", 1) * "unit_price" - COALESCE("discount", 0)), 0) AS order_value,
       SUM(COALESCE("quantity", 1)) AS units,
       MAX("shipping_fee") AS shipping,
       COALESCE(SUM(COALESCE("quantity", 1) * "unit_cost"), 0) AS cost
FROM kept
GROUP BY "order_id"
ORDER BY "order_id";

-- product table: orders, units, revenue and prices per product
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
)
SELECT "sku" AS product,
       MIN("product_name") AS product_name,
       COUNT(DISTINCT "order_id") AS orders,
       COUNT(*) AS lines,
       SUM(COALESCE("quantity", 1)) AS units,
       COALESCE(SUM(COALESCE("quantity", 1) * "unit_price" - COALESCE("discount", 0)), 0) AS revenue,
       MIN("unit_price") AS min_price,
       AVG("unit_price") AS mean_price,
       MAX("unit_price") AS max_price,
       AVG("unit_cost") AS cost
FROM kept
WHERE "sku" IS NOT NULL
GROUP BY "sku"
ORDER BY "sku";

-- customer summaries: first and last purchase, frequency, monetary (RFM, lifecycle, CLV inputs; upshell builds the same from the order table)
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
),
order_rows AS (
  SELECT "order_id" AS "order_id",
         MIN(NULLIF("customer_id", '')) AS "customer_id",
         MIN("created_at") AS "created_at",
         COALESCE(SUM(COALESCE("quantity", 1) * "unit_price" - COALESCE("discount", 0)), 0) AS order_value,
         SUM(COALESCE("quantity", 1)) AS units,
         MAX("shipping_fee") AS shipping,
         COALESCE(SUM(COALESCE("quantity", 1) * "unit_cost"), 0) AS cost
  FROM kept
  GROUP BY "order_id"
)
SELECT "customer_id", MIN("created_at") AS first_purchase, MAX("created_at") AS last_purchase, COUNT(*) AS frequency, SUM(order_value) AS monetary
FROM order_rows
WHERE "customer_id" IS NOT NULL
GROUP BY "customer_id"
ORDER BY "customer_id";

-- orders holding a product: N of pair support
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
)
SELECT COUNT(*) AS basket_orders
FROM (SELECT "order_id" FROM kept WHERE "order_id" IS NOT NULL AND "sku" IS NOT NULL GROUP BY "order_id") AS upshell_orders;

-- pairs bought together in at least floor=40
WITH classified AS (
  SELECT upshell_source.*,
         CASE WHEN (LOWER("status") NOT LIKE '%partial%' AND (LOWER("status") LIKE '%cancel%' OR LOWER("status") LIKE '%refund%' OR LOWER("status") LIKE '%return%' OR LOWER("status") LIKE '%void%' OR LOWER("status") LIKE '%chargeback%' OR LOWER("status") LIKE '%failed%' OR LOWER("status") LIKE '%unavailable%')) THEN 'cancelled'
           WHEN "quantity" <= 0 THEN 'returns'
           WHEN "unit_price" <= 0 THEN 'non-positive-price'
           WHEN "quantity" IS NULL OR "unit_price" IS NULL OR "created_at" IS NULL THEN 'missing-values'
           ELSE 'kept' END AS upshell_category
  FROM "orders" AS upshell_source
),
kept AS (
  SELECT * FROM classified
  WHERE upshell_category NOT IN ('cancelled', 'adjustments', 'returns', 'non-positive-price')
),
baskets AS (
  SELECT DISTINCT "order_id" AS order_id, "sku" AS item
  FROM kept
  WHERE "order_id" IS NOT NULL AND "sku" IS NOT NULL
),
frequent AS (
  SELECT item FROM baskets GROUP BY item HAVING COUNT(*) >= 40
)
SELECT a.item AS item_a, b.item AS item_b, COUNT(*) AS orders
FROM baskets a JOIN baskets b ON a.order_id = b.order_id AND a.item < b.item
WHERE a.item IN (SELECT item FROM frequent) AND b.item IN (SELECT item FROM frequent)
GROUP BY a.item, b.item
HAVING COUNT(*) >= 40
ORDER BY a.item, b.item;
