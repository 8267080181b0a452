// Chinese strings of the map page (一张图), registered by ./map.ts when the page loads.
export const mapPageMessages = {
  'map.subtitle': '管辖范围内的企业按状态着色；缩小时按网格聚合显示家数，放大到街道后逐家显示，点击查看企业。筛选条件与企业台账相同。',
  'map.toList': '列表',
  'map.layers': '图层',
  'map.layer.tips': '群众举报',
  'map.layer.patrols': '巡查',
  'map.layer.operations': '联合执法',
  'map.inView': '视野内 {total} 家',
  'map.unlocated': '另有 {count} 家未登记坐标，不在图上',
  'map.plainGrid': '未配置底图，显示经纬网格与镇街位置',
  'map.tilesFailed': '底图无法加载（网络不通？），改为显示经纬网格与镇街位置',
  'map.cluster': '{count} 家，点击放大',
  'map.layerCapped': '{layer}只显示最新的 1000 条',
} as const;
