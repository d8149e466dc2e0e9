/** One line of a submitted round, as the ledger stores it (priced and named when it was sent). */
export interface RoundLine {
  lineId: string;
  dishId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  options: { groupId: string; optionId: string; name: string; priceDelta: number }[];
  note: string;
  dinerId: string;
  dinerName: string;
  lineTotal: number;
}
