import type { ClientInfo, Identity } from '../context';
import { addressBudgetKey } from './callerAddress';

/** Longest client name or version taken from a header; longer ones are cut. */
const MAX_HEADER_VALUE = 128;

/**
 * Who is calling, for budgets and usage. The budget key is who the caller proved to be: the API key's client, or
 * the token subject; a caller without credentials is known only by its address (`callerAddress`). The
 * self-declared `apollographql-client-name` never creates or selects a budget: it is only the usage label.
 */
export function resolveClient(headers: Record<string, string>, identity: Identity | null, address: string): ClientInfo {
  const headerName = headers['apollographql-client-name']?.trim().slice(0, MAX_HEADER_VALUE) || undefined;
  const version = headers['apollographql-client-version']?.trim().slice(0, MAX_HEADER_VALUE) ?? '';
  const budgetKey = identity
    ? identity.clientName
      ? `client:${identity.clientName}`
      : `subject:${identity.subject}`
    : addressBudgetKey(address);
  const name = identity?.clientName ?? headerName ?? identity?.subject ?? 'anonymous';
  return { id: budgetKey, name, version };
}
