/** A GraphQL answer from the registry. */
export interface RegistryAnswer<TData> {
  status: number;
  data?: TData;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A minimal client for the registry's GraphQL API, as the page's test drives it. */
export interface RegistryClient {
  /** Posts one operation with `token`; throws when the answer has errors. */
  request<TData>(query: string, variables?: Record<string, unknown>): Promise<TData>;
}

/** Creates a client for `${url}/graphql` sending `Authorization: Bearer <token>`. */
export function createRegistryClient(url: string, token: string): RegistryClient {
  return {
    async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<RegistryAnswer<TData>, 'status'>;
      if (body.errors?.length || body.data === undefined) {
        throw new Error(`registry answered ${response.status}: ${JSON.stringify(body.errors)}`);
      }
      return body.data;
    },
  };
}
