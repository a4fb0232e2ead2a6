// Short source files in the languages the syntax-highlighting preview should recognise.
import { DEMO_FILES } from "./demo-files.js";
import type { SeedFile } from "./text-files.js";

const PYTHON = `"""Nightly ETL: load the raw orders, aggregate revenue per region, write Parquet."""
from pyspark.sql import SparkSession, functions as F

SOURCE = "/Volumes/main/demo/shared/data/sales.csv"
TARGET = "/Volumes/main/demo/shared/data/revenue_by_region.parquet"


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    orders = spark.read.option("header", True).option("inferSchema", True).csv(SOURCE)
    revenue = orders.filter(~F.col("returned")).groupBy("region").agg(F.sum("revenue").alias("revenue"))
    revenue.write.mode("overwrite").parquet(TARGET)


if __name__ == "__main__":
    main()
`;

const SQL = `-- Top 10 customers by net revenue in 2024
SELECT customer,
       region,
       SUM(revenue) AS net_revenue,
       COUNT(*)     AS orders
FROM   read_files('/Volumes/main/demo/shared/data/sales.parquet')
WHERE  NOT returned
  AND  order_date >= DATE'2024-01-01'
GROUP  BY customer, region
ORDER  BY net_revenue DESC
LIMIT  10;
`;

const TYPESCRIPT = `// Fetches the latest revenue report through the Volumes Browser API.
interface RegionRevenue {
  region: "EMEA" | "AMER" | "APAC" | "LATAM";
  revenue: number;
}

export async function fetchReport(baseUrl: string): Promise<RegionRevenue[]> {
  const res = await fetch(\`\${baseUrl}/api/files/volumes/shared/files/data/targets.json\`);
  if (!res.ok) throw new Error(\`report fetch failed: \${res.status}\`);
  return (await res.json()) as RegionRevenue[];
}
`;

const YAML = `# Databricks job definition for the nightly sales pipeline
resources:
  jobs:
    sales_nightly:
      name: sales-nightly
      schedule:
        quartz_cron_expression: "0 0 2 * * ?"
        timezone_id: Europe/Amsterdam
      tasks:
        - task_key: etl
          spark_python_task:
            python_file: ./etl_job.py
          environment_key: default
      email_notifications:
        on_failure: [data-team@example.com]
`;

const SHELL = `#!/usr/bin/env bash
# Deploys the sales pipeline bundle to the target workspace.
set -euo pipefail

TARGET="\${1:-dev}"
echo "Deploying sales pipeline to \${TARGET}"
databricks bundle validate --target "\${TARGET}"
databricks bundle deploy --target "\${TARGET}"
`;

const SCALA = `package com.example.sales

import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.functions._

object SalesAggregator {
  def revenueByRegion(orders: DataFrame): DataFrame =
    orders
      .filter(!col("returned"))
      .groupBy("region")
      .agg(sum("revenue").as("revenue"), count(lit(1)).as("orders"))

  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().getOrCreate()
    val orders = spark.read.parquet("/Volumes/main/demo/shared/data/sales.parquet")
    revenueByRegion(orders).show()
  }
}
`;

const R = `# Naive monthly revenue forecast per region
library(dplyr)

sales <- read.csv("/Volumes/main/demo/shared/data/sales.csv", stringsAsFactors = FALSE)
monthly <- sales %>%
  mutate(month = substr(order_date, 1, 7)) %>%
  group_by(region, month) %>%
  summarise(revenue = sum(revenue), .groups = "drop")

forecast <- monthly %>% group_by(region) %>% summarise(next_month = mean(tail(revenue, 3)))
print(forecast)
`;

export function codeFiles(): SeedFile[] {
  const { code } = DEMO_FILES;
  return [
    { path: code.python, content: PYTHON },
    { path: code.sql, content: SQL },
    { path: code.typescript, content: TYPESCRIPT },
    { path: code.yaml, content: YAML },
    { path: code.shell, content: SHELL },
    { path: code.scala, content: SCALA },
    { path: code.r, content: R },
  ];
}
