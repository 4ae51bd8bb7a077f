// GraphiQL as the gateway serves it: bundled by build.mjs with React into one script and one stylesheet, so the
// page loads nothing from another host. Queries go to the page's own path on the page's own origin.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const settings = JSON.parse(document.getElementById('graphiql-settings')?.textContent ?? '{}');
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: settings.defaultHeaders,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }),
);
