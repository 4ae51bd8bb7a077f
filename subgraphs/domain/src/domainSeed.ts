import { createRandom } from './random';

/**
 * The deterministic world our four subgraphs are seeded with: clinics, users, supplies, procedures, suppliers,
 * offers and purchase orders. Each subgraph owns its own tables, so each generates only its own records — but all
 * of them from these functions, so the ids one subgraph stores resolve in another. Every record is a pure function
 * of its index, so no subgraph has to generate another's data to stay consistent.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const clinicId = (i: number) => `clinic_${pad(i, 4)}`;
export const userId = (i: number) => `user_${pad(i, 5)}`;
export const supplyId = (i: number) => `supply_${pad(i, 5)}`;
export const procedureId = (i: number) => `procedure_${pad(i, 4)}`;
export const supplierId = (i: number) => `supplier_${pad(i, 3)}`;
export const offerId = (supplyIndex: number, supplierIndex: number) =>
  `offer_${pad(supplyIndex, 5)}_${pad(supplierIndex, 3)}`;
export const orderId = (i: number) => `order_${pad(i, 6)}`;

export interface SeedCounts {
  clinics: number;
  usersPerClinic: number;
  supplies: number;
  procedures: number;
  suppliers: number;
  orders: number;
}

/** Record counts at a scale; 1 gives 3,000 supplies, ~24,000 offers, 4,000 orders with ~24,000 lines. */
export function seedCounts(scale: number): SeedCounts {
  const at = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return {
    clinics: at(40, 3),
    usersPerClinic: 10,
    supplies: at(3000, 30),
    procedures: at(150, 5),
    suppliers: at(25, 12),
    orders: at(4000, 60),
  };
}

const CITIES = [
  'Lyon',
  'Porto',
  'Utrecht',
  'Graz',
  'Leeds',
  'Turin',
  'Ghent',
  'Aarhus',
  'Bilbao',
  'Kraków',
  'Brno',
  'Cork',
];
const SPECIALTIES = [
  'Family Practice',
  'Dental Care',
  'Dermatology',
  'Pediatrics',
  'Orthopedics',
  'Urgent Care',
  'Vet Clinic',
];
export const ROLES = ['ADMIN', 'BUYER', 'CLINICIAN'] as const;
const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
  'Maya',
  'Noor',
];
const LAST = [
  'Almeida',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hansen',
  'Ivanova',
  'Jansen',
  'Kowalski',
];

export interface SeedClinic {
  id: string;
  name: string;
  city: string;
  createdAt: Date;
}
export interface SeedUser {
  id: string;
  clinicId: string;
  name: string;
  email: string;
  role: (typeof ROLES)[number];
}

export function seedClinic(i: number): SeedClinic {
  const r = createRandom(clinicId(i));
  const city = r.pick(CITIES);
  return {
    id: clinicId(i),
    name: `${city} ${r.pick(SPECIALTIES)} ${i}`,
    city,
    createdAt: new Date(Date.UTC(2023, r.int(0, 11), r.int(1, 28))),
  };
}

export function seedUser(i: number, counts: SeedCounts): SeedUser {
  const r = createRandom(userId(i));
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const clinic = Math.floor((i - 1) / counts.usersPerClinic) + 1;
  // The first user of each clinic administers it; the rest buy or treat.
  const role = (i - 1) % counts.usersPerClinic === 0 ? 'ADMIN' : r.chance(0.5) ? 'BUYER' : 'CLINICIAN';
  return {
    id: userId(i),
    clinicId: clinicId(clinic),
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@example.org`.toLowerCase(),
    role,
  };
}

const CATEGORIES = {
  WOUND_CARE: {
    items: [
      'Sterile gauze swab',
      'Adhesive dressing',
      'Hydrocolloid dressing',
      'Elastic bandage',
      'Wound closure strip',
    ],
    unit: 'box',
  },
  INFECTION_CONTROL: {
    items: [
      'Nitrile examination glove',
      'Surgical face mask',
      'Alcohol hand rub',
      'Disinfectant wipe',
      'Isolation gown',
    ],
    unit: 'box',
  },
  INJECTION: {
    items: ['Hypodermic needle', 'Luer-lock syringe', 'IV cannula', 'Infusion set', 'Sharps container'],
    unit: 'pack',
  },
  DIAGNOSTICS: {
    items: [
      'Blood glucose test strip',
      'Urine test strip',
      'Rapid antigen test',
      'ECG electrode',
      'Specimen container',
    ],
    unit: 'pack',
  },
  INSTRUMENTS: { items: ['Suture kit', 'Scalpel blade', 'Forceps', 'Dental mirror', 'Tongue depressor'], unit: 'each' },
  RESPIRATORY: {
    items: ['Oxygen mask', 'Nebulizer kit', 'Nasal cannula', 'Peak flow meter', 'Spacer device'],
    unit: 'each',
  },
} as const;
export type SupplyCategory = keyof typeof CATEGORIES;
export const SUPPLY_CATEGORIES = Object.keys(CATEGORIES) as SupplyCategory[];
const SIZES = ['S', 'M', 'L', '5 cm', '10 cm', '21G', '23G', '2 ml', '5 ml', '10 ml', 'adult', 'pediatric'];

export interface SeedSupply {
  id: string;
  sku: string;
  name: string;
  category: SupplyCategory;
  unit: string;
  packSize: number;
  description: string;
}

export function seedSupply(i: number): SeedSupply {
  const r = createRandom(supplyId(i));
  const category = SUPPLY_CATEGORIES[(i - 1) % SUPPLY_CATEGORIES.length] as SupplyCategory;
  const { items, unit } = CATEGORIES[category];
  const item = r.pick(items);
  const size = r.pick(SIZES);
  const packSize = r.pick([1, 10, 25, 50, 100, 200]);
  return {
    id: supplyId(i),
    sku: `${category.slice(0, 3)}-${pad(i, 5)}`,
    name: `${item}, ${size}`,
    category,
    unit,
    packSize,
    description: `${item} (${size}), ${packSize} per ${unit}. For single use in clinical settings.`,
  };
}

export interface SeedProcedure {
  id: string;
  name: string;
  kit: { supplyId: string; quantity: number }[];
}

const PROCEDURES = [
  'Wound dressing change',
  'Venous blood draw',
  'Vaccination',
  'Minor laceration repair',
  'Nebulized therapy',
  'Dental cleaning',
  'Skin biopsy',
  'ECG recording',
];

export function seedProcedure(i: number, counts: SeedCounts): SeedProcedure {
  const r = createRandom(procedureId(i));
  const size = r.int(3, 8);
  const supplies = new Set<number>();
  while (supplies.size < size) supplies.add(r.int(1, counts.supplies));
  return {
    id: procedureId(i),
    name: `${r.pick(PROCEDURES)} (${i})`,
    kit: [...supplies].map((s) => ({ supplyId: supplyId(s), quantity: r.int(1, 4) })),
  };
}

export interface SeedSupplier {
  id: string;
  name: string;
  country: string;
  rating: number;
}
const SUPPLIER_NAMES = [
  'MediSource',
  'CareLine',
  'ClinicPro',
  'SteriPack',
  'HealthBridge',
  'PrimeMed',
  'NordSupply',
  'VitaDistrib',
];
const COUNTRIES = ['DE', 'FR', 'NL', 'PL', 'IT', 'ES', 'IE', 'AT'];

export function seedSupplier(i: number): SeedSupplier {
  const r = createRandom(supplierId(i));
  return {
    id: supplierId(i),
    name: `${r.pick(SUPPLIER_NAMES)} ${r.pick(COUNTRIES)} ${i}`,
    country: r.pick(COUNTRIES),
    rating: r.int(25, 50) / 10,
  };
}

export interface SeedOffer {
  id: string;
  supplyId: string;
  supplierId: string;
  unitPriceCents: number;
  currency: 'EUR';
  stock: number;
  minimumOrderQuantity: number;
  leadTimeDays: number;
}

/** The 4–12 offers that distinct suppliers make for one supply (about 8 on average). */
export function seedOffers(supplyIndex: number, counts: SeedCounts): SeedOffer[] {
  const r = createRandom(`offers:${supplyId(supplyIndex)}`);
  const base = r.int(40, 9000);
  const suppliers = new Set<number>();
  const wanted = Math.min(r.int(4, 12), counts.suppliers);
  while (suppliers.size < wanted) suppliers.add(r.int(1, counts.suppliers));
  return [...suppliers]
    .sort((a, b) => a - b)
    .map((s) => ({
      id: offerId(supplyIndex, s),
      supplyId: supplyId(supplyIndex),
      supplierId: supplierId(s),
      unitPriceCents: Math.round(base * (0.8 + r.next() * 0.5)),
      currency: 'EUR',
      stock: r.chance(0.1) ? 0 : r.int(5, 5000),
      minimumOrderQuantity: r.pick([1, 1, 5, 10, 20]),
      leadTimeDays: r.int(1, 21),
    }));
}

export const ORDER_STATUSES = ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;

export interface SeedOrder {
  id: string;
  clinicId: string;
  placedById: string;
  status: (typeof ORDER_STATUSES)[number];
  placedAt: Date;
  lines: { supplyId: string; supplierId: string; quantity: number; unitPriceCents: number; currency: 'EUR' }[];
}

/** Order `i`: 2–10 lines, each against a real offer of a real supply, placed by a buyer of the clinic. */
export function seedOrder(i: number, counts: SeedCounts): SeedOrder {
  const r = createRandom(orderId(i));
  const clinic = ((i - 1) % counts.clinics) + 1;
  const user = (clinic - 1) * counts.usersPerClinic + r.int(1, counts.usersPerClinic);
  const lineCount = r.int(2, 10);
  const lines: SeedOrder['lines'] = [];
  const used = new Set<number>();
  while (lines.length < lineCount) {
    const supply = r.int(1, counts.supplies);
    if (used.has(supply)) continue;
    used.add(supply);
    const offer = r.pick(seedOffers(supply, counts));
    lines.push({
      supplyId: offer.supplyId,
      supplierId: offer.supplierId,
      quantity: offer.minimumOrderQuantity * r.int(1, 6),
      unitPriceCents: offer.unitPriceCents,
      currency: offer.currency,
    });
  }
  const placedAt = new Date(Date.UTC(2025, 0, 1) + r.int(0, 600) * 86_400_000 + r.int(0, 86_399) * 1000);
  return {
    id: orderId(i),
    clinicId: clinicId(clinic),
    placedById: userId(user),
    status: r.pick(ORDER_STATUSES),
    placedAt,
    lines,
  };
}

/** Inserts rows in chunks small enough for PostgreSQL's 65,535-parameter limit. */
export async function insertInChunks<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  size = 1000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

export const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
