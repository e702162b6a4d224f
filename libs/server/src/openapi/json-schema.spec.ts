import 'reflect-metadata';
import { CheckoutView, CreateCheckoutDto, SalesReportView } from '@mercato/core';
import { jsonSchemaOf } from './json-schema';

interface Schema {
  type?: string;
  properties: Record<string, Schema>;
  items: Schema;
  required?: string[];
}

const schemaOf = (cls: new () => object) => jsonSchemaOf(cls) as unknown as Schema;

describe('jsonSchemaOf', () => {
  it('describes the items of a nested array and the fields of a nested object', () => {
    const schema = schemaOf(CheckoutView);

    expect(schema.properties['line_items']?.type).toBe('array');
    expect(schema.properties['line_items']?.items.required).toEqual(['product_id', 'name', 'unit_price', 'quantity', 'total']);
    expect(schema.properties['totals']?.properties).toEqual({ subtotal: { type: 'number' }, total: { type: 'number' } });
  });

  it('keeps the rules of nested input, so a client learns the limits of each line', () => {
    const line = schemaOf(CreateCheckoutDto).properties['line_items']?.items;

    expect(line?.properties['quantity']).toEqual({ type: 'integer', minimum: 1, maximum: 1000 });
  });

  it('finds nested classes through a few levels', () => {
    const report = schemaOf(SalesReportView);

    expect(report.properties['items']?.items.properties['period']).toEqual({ type: 'string' });
    expect(report.properties['totals']?.required).toEqual(['orders', 'units', 'revenue']);
  });
});
