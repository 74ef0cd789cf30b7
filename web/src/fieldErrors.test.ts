import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldErrorsFrom, withoutField } from './fieldErrors';

describe('fieldErrorsFrom', () => {
  it('puts each violation next to its field', () => {
    const e = new ApiError(400, 'invalid_argument', 'user x is invalid', '', [
      { field: 'username', message: 'must be 1-64 characters' },
      { field: 'practitioner_id', message: 'is required' },
    ]);
    expect(fieldErrorsFrom(e, ['username', 'practitioner_id'])).toEqual({
      fields: { username: 'must be 1-64 characters', practitioner_id: 'is required' },
      general: '',
    });
  });
  it('maps API field names to the form\'s and keeps unknown fields above the form', () => {
    const e = new ApiError(400, 'invalid_argument', 'bad', '', [
      { field: 'child_id', message: 'is required' },
      { field: 'colour', message: 'is odd' },
    ]);
    expect(fieldErrorsFrom(e, { child_id: 'child' })).toEqual({ fields: { child: 'is required' }, general: 'colour: is odd' });
  });
  it('uses error.field when there are no violations', () => {
    const e = new ApiError(412, 'failed_precondition', 'rate the contact before deciding it', 'rating');
    expect(fieldErrorsFrom(e, ['rating', 'decision']).fields).toEqual({ rating: 'rate the contact before deciding it' });
  });
  it('a refusal naming no field of this form is general', () => {
    const e = new ApiError(403, 'permission_denied', 'only MASH staff work the front door');
    expect(fieldErrorsFrom(e, ['decision'])).toEqual({ fields: {}, general: 'only MASH staff work the front door' });
  });
});

describe('withoutField', () => {
  it('drops the edited field\'s error and keeps the rest', () => {
    const e = { fields: { a: 'x', b: 'y' }, general: 'g' };
    expect(withoutField(e, 'a')).toEqual({ fields: { b: 'y' }, general: 'g' });
    expect(withoutField(e, 'c')).toBe(e);
  });
});
