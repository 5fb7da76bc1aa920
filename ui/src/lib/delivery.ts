// Turning the delivery form's fields into the DeliveryInput the app records.
import type { DeliveryInput } from '../bindings/bindings';

export type DeliveryFields = {
  deliveredOn: string;
  place: string;
  /** One serial number a line, as typed. */
  serials: string;
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

export function deliveryInput(orderId: string, fields: DeliveryFields): DeliveryInput {
  return {
    order_id: orderId,
    delivered_on: fields.deliveredOn.trim(),
    place: fields.place.trim(),
    serial_numbers: parseSerials(fields.serials),
    notes: fields.notes.trim(),
    photos: [...(fields.photos ?? [])],
    items: [],
    received_by: null,
  };
}

/** The delivery form's field that an AppError's `field` names, with its element id. */
export const DELIVERY_FIELD_IDS: Record<string, string> = {
  delivered_on: 'delivery-date',
  place: 'delivery-place',
  serial_numbers: 'delivery-serials',
  notes: 'delivery-notes',
  photos: 'delivery-photos',
};
