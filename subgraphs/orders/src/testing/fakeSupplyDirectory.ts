import { domainSeed } from '@switchyard/demo-domain';
import { DirectoryUnavailableError, type SupplyDirectory, type SupplyListing } from '../directory/supplyDirectory';

/** An in-memory directory for tests, with a switch to make it unavailable and a log of what it was asked. */
export interface FakeSupplyDirectory extends SupplyDirectory {
  /** The supply ids of every `listSupplies` call, in order. */
  calls: string[][];
  /** When true, every call throws `DirectoryUnavailableError` as an unreachable subgraph would. */
  unavailable: boolean;
  /** Units taken from each offer (negative: given back). */
  taken: Map<string, number>;
}

/**
 * A directory that answers as the seeded catalog and suppliers subgraphs would at `scale`: supplies up to the seed's
 * count exist, with the seed's offers (`seedOffers`).
 */
export function createFakeSupplyDirectory(scale: number): FakeSupplyDirectory {
  const counts = domainSeed.seedCounts(scale);
  const directory: FakeSupplyDirectory = {
    calls: [],
    unavailable: false,
    taken: new Map(),
    async takeStock(lines) {
      if (directory.unavailable) throw new DirectoryUnavailableError('suppliers', 'connection refused (fake)');
      for (const line of lines)
        directory.taken.set(line.offerId, (directory.taken.get(line.offerId) ?? 0) + line.quantity);
      return { ok: true };
    },
    async returnStock(lines) {
      for (const line of lines)
        directory.taken.set(line.offerId, (directory.taken.get(line.offerId) ?? 0) - line.quantity);
    },
    async listSupplies(supplyIds) {
      directory.calls.push([...supplyIds]);
      if (directory.unavailable) throw new DirectoryUnavailableError('catalog', 'connection refused (fake)');
      const listings = new Map<string, SupplyListing>();
      for (const supplyId of supplyIds) {
        const index = Number(supplyId.slice('supply_'.length));
        const exists = /^supply_\d{5}$/.test(supplyId) && index >= 1 && index <= counts.supplies;
        const offers = exists
          ? domainSeed.seedOffers(index, counts).map((offer) => ({
              offerId: offer.id,
              supplierId: offer.supplierId,
              stock: offer.stock,
              minimumOrderQuantity: offer.minimumOrderQuantity,
              unitPrice: { amountCents: offer.unitPriceCents, currency: offer.currency },
            }))
          : [];
        listings.set(supplyId, { supplyId, exists, offers });
      }
      return listings;
    },
  };
  return directory;
}
