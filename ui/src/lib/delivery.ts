// Turning the delivery form's fields into the DeliveryInput the app records.
import type { DeliveryInput, OrderLineView, ReceivedBy } from '../bindings/bindings';

/** The serial numbers typed for one order line. */
export type LineSerials = {
  classifierCode: string;
  /** One serial number a line, as typed. */
  serials: string;
};

export type DeliveryFields = {
  deliveredOn: string;
  place: string;
  /** One serial number a line, as typed: read only when `lines` is empty. */
  serials: string;
  /** The serial numbers of each order line. */
  lines?: LineSerials[];
  /** Who took the items; the participant unless a representative is chosen. */
  receivedBy?: 'participant' | 'representative';
  /** The representative's name, as typed. */
  representative?: string;
  notes: string;
  /** sha256 of the photos chosen as evidence. */
  photos?: string[];
};

/** Serial numbers typed one a line: each trimmed, empty lines dropped, order kept. */
export function parseSerials(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** What a line's serials field starts from: for a fitted item, the serials entered at fitting. */
export function initialLineSerials(lines: OrderLineView[]): LineSerials[] {
  return lines.map((line) => ({
    classifierCode: line.classifier_code,
    serials: line.serial_numbers_from_fitting.join('\n'),
  }));
}

function receivedBy(fields: DeliveryFields): ReceivedBy | null {
  switch (fields.receivedBy) {
    case 'participant':
      return { kind: 'participant' };
    case 'representative':
      return { kind: 'representative', name: (fields.representative ?? '').trim() };
    default:
      return null;
  }
}

export function deliveryInput(orderId: string, fields: DeliveryFields): DeliveryInput {
  const items = (fields.lines ?? []).map((line) => ({
    classifier_code: line.classifierCode,
    serial_numbers: parseSerials(line.serials),
  }));
  return {
    order_id: orderId,
    delivered_on: fields.deliveredOn.trim(),
    place: fields.place.trim(),
    // With per-line serials the flat list is theirs in order, as the app checks.
    serial_numbers: items.length ? items.flatMap((i) => i.serial_numbers) : parseSerials(fields.serials),
    notes: fields.notes.trim(),
    photos: [...(fields.photos ?? [])],
    items,
    received_by: receivedBy(fields),
  };
}

/** The delivery form's field that an AppError's `field` names, with its element id. */
export const DELIVERY_FIELD_IDS: Record<string, string> = {
  delivered_on: 'delivery-date',
  place: 'delivery-place',
  // The first line's serials field: a refused item or serial list points there.
  serial_numbers: 'delivery-serials',
  items: 'delivery-serials',
  received_by: 'delivery-representative',
  notes: 'delivery-notes',
  photos: 'delivery-photos',
};
