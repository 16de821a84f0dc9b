// A typed walk through the money path with the client generated from openapi.json: compiled (never run) by
// `mvn verify`, so a route, field or type the document drops or renames breaks the build here.
import {
  CatalogApi,
  Configuration,
  FinanceApi,
  HostsApi,
  ModelErrorFromJSON,
  ResponseError,
  RiskApi,
  type Balance,
  type ModelError,
  type SettlementRun,
} from '../../../target/generated/typescript';

export async function moneyPath(basePath: string, tokens: { operator: string; brand: (id: string) => string;
    host: (id: string) => string; finance: string }): Promise<Balance> {
  const as = (token: string) => new Configuration({ basePath, accessToken: token });

  const brand = await new CatalogApi(as(tokens.operator)).registerBrand({
    brandRegistration: { name: 'Tea House', creditCode: '91310000MA1FL0Q73F' },
  });
  const product = await new CatalogApi(as(tokens.brand(brand.brandId))).listProduct({
    brandId: brand.brandId,
    productListing: { sku: 'TEA-1', title: 'Longjing', category: 'FOOD', priceFen: 10_000, stock: 100,
      shipWithinHours: 48, openRateBps: 2_000, targeted: [], exclusive: false },
  });
  const openRate: number = product.rateSchedule.openRateBps;

  const host = await new HostsApi(as(tokens.operator)).registerHost({
    hostRegistration: { personaName: 'Runner Wang', categories: ['FOOD'], privateFans: 10, publicFans: 10 },
  });
  const picked = await new HostsApi(as(tokens.host(host.hostId))).pickProduct({
    hostId: host.hostId, pickRequest: { productId: product.productId },
  });
  const earns: number = Math.min(picked.rateBps, openRate);

  const finance = new FinanceApi(as(tokens.finance));
  const run: SettlementRun = await finance.createSettlementRun({
    settlementRunRequest: { cutoff: new Date(), idempotencyKey: `run-${earns}` },
  });
  await finance.approveSettlementRun({ runId: run.runId });
  const paid = await finance.recordPayouts({
    runId: run.runId,
    payoutsRequest: { payments: run.lines.map(line => ({ lineId: line.lineId, paymentRef: `ICBC-${line.party}` })) },
  });
  const paidFen: number = paid.paidFen;

  try {
    await new RiskApi(as(tokens.operator)).releaseRiskHold({ orderId: 'o-none', riskDecisionRequest: { reason: 'checked' } });
  } catch (refused) {
    if (refused instanceof ResponseError) {
      const body: ModelError = ModelErrorFromJSON(await refused.response.json());
      const field: string | null = body.error.field;
      console.log(body.error.code, body.error.message, field, paidFen);
    }
  }
  return finance.getBalance({ party: host.hostId });
}
