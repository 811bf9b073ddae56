"use strict";

const MAX_QUANTITY = 99;

const initialCartState = Object.freeze({ items: Object.freeze([]), coupon: null });

function makeLine(item, quantity) {
  return {
    sku: item.sku,
    name: item.name,
    unitPrice: item.unitPrice,
    quantity: Math.min(quantity, MAX_QUANTITY),
  };
}

function isValidCoupon(coupon) {
  if (!coupon || typeof coupon !== "object") return false;
  const { kind, value } = coupon;
  if (!Number.isInteger(value)) return false;
  if (kind === "percent") return value >= 1 && value <= 100;
  if (kind === "fixed") return value >= 1;
  return false;
}

function add(state, action) {
  const quantity = action.quantity === undefined ? 1 : action.quantity;
  if (!Number.isInteger(quantity) || quantity < 1 || !action.item) return state;
  const index = state.items.findIndex((line) => line.sku === action.item.sku);
  if (index < 0) {
    return { ...state, items: [...state.items, makeLine(action.item, quantity)] };
  }
  const items = [...state.items];
  const line = items[index];
  line.quantity = Math.min(line.quantity + quantity, MAX_QUANTITY);
  return { ...state, items };
}

function setQuantity(state, action) {
  const index = state.items.findIndex((line) => line.sku === action.sku);
  if (index < 0 || !Number.isInteger(action.quantity)) return state;
  if (action.quantity <= 0) {
    return { ...state, items: state.items.filter((_, i) => i !== index) };
  }
  const quantity = Math.min(action.quantity, MAX_QUANTITY);
  const items = state.items.map((line, i) => (i === index ? { ...line, quantity } : line));
  return { ...state, items };
}

function cartReducer(state = initialCartState, action) {
  switch (action && action.type) {
    case "add":
      return add(state, action);
    case "remove": {
      if (!state.items.some((line) => line.sku === action.sku)) return state;
      return { ...state, items: state.items.filter((line) => line.sku !== action.sku) };
    }
    case "setQuantity":
      return setQuantity(state, action);
    case "applyCoupon": {
      if (!isValidCoupon(action.coupon)) return state;
      const { code, kind, value } = action.coupon;
      return { ...state, coupon: { code, kind, value } };
    }
    case "removeCoupon":
      return state.coupon === null ? state : { ...state, coupon: null };
    case "clear":
      return { items: [], coupon: null };
    default:
      return state;
  }
}

function selectItemCount(state) {
  return state.items.reduce((sum, line) => sum + line.quantity, 0);
}

function selectSubtotal(state) {
  return state.items.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
}

function selectDiscount(state) {
  const coupon = state.coupon;
  if (!coupon) return 0;
  const subtotal = selectSubtotal(state);
  if (coupon.kind === "percent") return Math.round((subtotal * coupon.value) / 100);
  return Math.min(coupon.value, subtotal);
}

function selectTotal(state) {
  return selectSubtotal(state) - selectDiscount(state);
}

module.exports = {
  initialCartState,
  cartReducer,
  selectItemCount,
  selectSubtotal,
  selectDiscount,
  selectTotal,
};
