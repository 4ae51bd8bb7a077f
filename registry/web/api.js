/** Where the page keeps the registry token between visits. */
export const tokenStorageKey = 'switchyard.registryToken';

/** An answer the page can explain: `code` is the registry's `extensions.code` (or `NETWORK_ERROR`). */
export class ApiError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/**
 * A client for the registry's GraphQL API at `/graphql` on the page's own origin.
 * @param {string} token bearer token
 */
export function createApi(token) {
  return {
    /**
     * Runs one operation and resolves with its `data`; rejects with an `ApiError` carrying the first error's code.
     * @param {string} query
     * @param {Record<string, unknown>} [variables]
     * @returns {Promise<any>}
     */
    async request(query, variables = {}) {
      let response;
      try {
        response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        throw new ApiError('NETWORK_ERROR', `The registry did not answer (${error instanceof Error ? error.message : String(error)}).`);
      }
      /** @type {{ data?: any, errors?: { message: string, extensions?: { code?: string } }[] } | undefined} */
      let body;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('BAD_RESPONSE', `The registry answered ${response.status} without JSON.`);
      }
      const first = body?.errors?.[0];
      if (first) throw new ApiError(first.extensions?.code ?? `HTTP_${response.status}`, first.message);
      if (!response.ok) throw new ApiError(`HTTP_${response.status}`, `The registry answered ${response.status}.`);
      return body?.data;
    },
  };
}

/** Explains an error to a person: a refused token says so and what to do. @param {unknown} error */
export function explainError(error) {
  if (error instanceof ApiError) {
    if (error.code === 'UNAUTHENTICATED') return `The registry did not accept this token (${error.message}) Enter another token.`;
    if (error.code === 'FORBIDDEN') return `This token may not read that graph (${error.message})`;
    return `${error.message} [${error.code}]`;
  }
  return error instanceof Error ? error.message : String(error);
}

export const queries = {
  graphs: /* GraphQL */ `query Graphs { graphs { name variants } }`,
  versions: /* GraphQL */ `
    query Versions($graph: String!, $variant: String!) {
      supergraphVersions(graph: $graph, variant: $variant, limit: 50) {
        version hash createdAt changelog rolledBackFrom
        changes { id type criticality coordinate message }
        subgraphs { subgraph }
        published { subgraph author commit }
      }
    }`,
  changeUsage: /* GraphQL */ `
    query ChangeUsage($graph: String!, $variant: String!, $version: Int) {
      supergraphVersion(graph: $graph, variant: $variant, version: $version) {
        changeUsage {
          changeId
          usage { requests clients { name version requests } operations { name signature requests } }
        }
      }
    }`,
  checks: /* GraphQL */ `
    query Checks($graph: String!, $variant: String!) {
      checks(graph: $graph, variant: $variant, limit: 50) {
        id subgraph ok message createdAt
        changes { criticality coordinate blocking usage { clients { name version requests } } }
      }
    }`,
  apiSchema: /* GraphQL */ `
    query ApiSchema($graph: String!, $variant: String!) {
      supergraphVersion(graph: $graph, variant: $variant) {
        version
        apiSchemaTypes {
          name kind related
          fields {
            coordinate name kind type defaultValue deprecationReason
            arguments { coordinate name kind type defaultValue deprecationReason }
          }
        }
      }
    }`,
  field: /* GraphQL */ `
    query Field($graph: String!, $variant: String!, $since: String, $coordinate: String!) {
      usageField(graph: $graph, variant: $variant, since: $since, coordinate: $coordinate) {
        coordinate kind subgraphs deprecationReason deprecatedInVersion deprecatedAt requests firstSeen lastSeen
        clients { name version requests lastSeen operations { signature name type requests } }
        forecast { status days zeroDate slopePerDay }
      }
    }`,
  fieldUsage: /* GraphQL */ `
    query FieldUsage($graph: String!, $variant: String!, $since: String) {
      usageFields(graph: $graph, variant: $variant, since: $since) {
        coordinate kind deprecated deprecationReason requests operations clients firstSeen lastSeen
        trend { direction current previous changePercent }
      }
    }`,
  unused: /* GraphQL */ `
    query Unused($graph: String!, $variant: String!, $since: String) {
      usageUnusedFields(graph: $graph, variant: $variant, since: $since) {
        coordinate kind deprecated deprecationReason lastSeen
      }
    }`,
  deprecated: /* GraphQL */ `
    query Deprecated($graph: String!, $variant: String!, $since: String) {
      usageDeprecatedFields(graph: $graph, variant: $variant, since: $since) {
        coordinate deprecationReason requests lastSeen forecastZeroDate forecastStatus
        clients { name version requests lastSeen }
      }
    }`,
  audit: /* GraphQL */ `
    query Audit($graph: String!, $since: String) {
      auditLog(graph: $graph, since: $since, limit: 500) {
        id createdAt action outcome code message variant subgraph tokenName
      }
    }
  `,
  clients: /* GraphQL */ `
    query Clients($graph: String!, $variant: String!, $since: String) {
      usageClients(graph: $graph, variant: $variant, since: $since) {
        name version requests errors fields
        operations { signature name type requests errors p50Ms p95Ms lastSeen }
      }
    }`,
  operations: /* GraphQL */ `
    query Operations($graph: String!, $variant: String!, $since: String) {
      usageLatencyBucketsMs
      usageOperations(graph: $graph, variant: $variant, since: $since) {
        signature name type requests errors p50Ms p95Ms p99Ms latencyHistogram firstSeen lastSeen document
        clients { name version requests errors }
        errorsByCode { code count }
      }
    }`,
  subgraphFetches: /* GraphQL */ `
    query SubgraphFetches($graph: String!, $variant: String!, $since: String) {
      usageSubgraphFetches(graph: $graph, variant: $variant, since: $since) {
        subgraph fetches errors p50Ms p95Ms p99Ms
        clients { client fetches errors p50Ms p95Ms p99Ms }
        daily { day fetches }
        forecast { status nextWeek slopePerDay backtestError days method }
      }
    }`,
  sla: /* GraphQL */ `
    query Sla($graph: String!, $variant: String!, $since: String) {
      usageSla(graph: $graph, variant: $variant, since: $since) {
        target { client operation latencyPercentile latencyMs errorRate updatedAt updatedBy }
        requests hoursJudged breached
        breaches { metric threshold hoursInBreach worst periods { start hours requests measured } }
      }
    }`,
  series: /* GraphQL */ `
    query Series($graph: String!, $variant: String!, $since: String, $coordinate: String, $client: String) {
      usageSeries(graph: $graph, variant: $variant, since: $since, coordinate: $coordinate, client: $client) {
        time requests errors
      }
      usageClients(graph: $graph, variant: $variant, since: $since) { name version }
    }`,
};
