import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BucketShape, BudgetStore } from './budgetStore';

/**
 * Take and refund in one script, so concurrent gateways never both spend the same points. The bucket is a hash
 * `{t: points, ts: ms}` that expires once it would have refilled completely (an absent bucket is a full one).
 * Numbers are returned as strings: Redis truncates Lua numbers to integers.
 */
const BUDGET_SCRIPT = `
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local amount = tonumber(ARGV[4])
local now = tonumber(ARGV[5])
local ttl = tonumber(ARGV[6])
local state = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if ARGV[1] == 'refund' then
  if tokens == nil then return {1, tostring(capacity), '0'} end
  local level = math.min(capacity, tokens + amount)
  redis.call('HSET', KEYS[1], 't', tostring(level))
  return {1, tostring(level), '0'}
end
if tokens == nil then tokens = capacity; ts = now end
local level = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
local need = math.min(amount, capacity)
if level >= need then
  level = level - need
  redis.call('HSET', KEYS[1], 't', tostring(level), 'ts', tostring(math.max(now, ts)))
  redis.call('PEXPIRE', KEYS[1], ttl)
  return {1, tostring(level), '0'}
end
return {0, tostring(level), tostring(math.max(1, math.ceil((need - level) / rate)))}
`;
const BUDGET_SCRIPT_SHA = createHash('sha1').update(BUDGET_SCRIPT).digest('hex');

/** Options of `createRedisBudgetStore`. */
export interface RedisBudgetStoreOptions extends BucketShape {
  /** `redis://` URL (`config.budgets.redisUrl`), or an ioredis client the caller owns. */
  redis: string | Redis;
  /** Prefix of the bucket keys. Default `switchyard:budget:`. Gateways sharing a prefix share budgets. */
  keyPrefix?: string;
}

/** Budgets in Redis: every gateway replica using the same Redis and key prefix shares each client's budget. */
export function createRedisBudgetStore(options: RedisBudgetStoreOptions): BudgetStore {
  const owned = typeof options.redis === 'string';
  const redis =
    typeof options.redis === 'string'
      ? new Redis(options.redis, { maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true })
      : options.redis;
  const prefix = options.keyPrefix ?? 'switchyard:budget:';
  const ttlMs = Math.ceil((options.capacity / options.refillPerSecond) * 1000) + 1000;

  const run = async (op: 'take' | 'refund', client: string, amount: number, now: number) => {
    const args = [`${prefix}${client}`, op, options.capacity, options.refillPerSecond, amount, now, ttlMs];
    let reply: unknown;
    try {
      reply = await redis.evalsha(BUDGET_SCRIPT_SHA, 1, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      reply = await redis.eval(BUDGET_SCRIPT, 1, ...args);
    }
    if (!Array.isArray(reply) || reply.length < 3) throw new Error(`Unexpected budget script reply: ${String(reply)}`);
    return { ok: Number(reply[0]) === 1, level: Number(reply[1]), retryAfterSeconds: Number(reply[2]) };
  };

  return {
    async take(client, cost, now) {
      const { ok, level, retryAfterSeconds } = await run('take', client, cost, now);
      return { ok, remaining: level, retryAfterSeconds };
    },
    async refund(client, amount) {
      return (await run('refund', client, amount, Date.now())).level;
    },
    async close() {
      if (owned) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
