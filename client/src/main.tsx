import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { UploadsProvider } from "./features/upload";
import { guardFileDrops } from "./lib/guard-file-drops";
import { queryClient } from "./lib/query-client";
import "./styles/index.css";

guardFileDrops();

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <UploadsProvider>
        <App />
      </UploadsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
