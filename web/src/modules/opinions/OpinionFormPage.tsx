import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { OPINION_TITLE_MAX } from '@xieshang/shared';
import { FileUpload } from '../../components/FileUpload';
import { ThreePartBody } from '../../components/ThreePartBody';
import { api, qs } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useOpinionMeta } from './useOpinions';
import type { OpinionDetail } from './types';

interface Values {
  title: string;
  category: string;
  coAuthorIds?: string[];
  source?: 'member' | 'party' | 'sector' | 'informant';
  sourceOrgId?: string;
  sourceName?: string;
  situation: string;
  analysis: string;
  suggestions: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * 撰写社情民意信息: a member's new draft or the edit of a draft or returned report; office staff record one
 * for a party, sector or informant (代为登记).
 */
export default function OpinionFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const meta = useOpinionMeta();
  const existing = useQuery({
    queryKey: ['opinion', id],
    queryFn: () => api.get<OpinionDetail>(`/api/v1/opinions/${id}`),
    enabled: Boolean(id),
  });
  const [memberQuery, setMemberQuery] = useState('');
  const debouncedMember = useDebounced(memberQuery, 250);
  const isMember = Boolean(me?.memberId);
  // Co-authors are picked from the members' roster (委员名录), which every member may read.
  const members = useQuery({
    queryKey: ['members', 'options', debouncedMember],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; sectorName: string | null }[] }>(
        `/api/v1/members${qs({ q: debouncedMember, pageSize: 20 })}`,
      ),
    enabled: isMember && !id,
  });
  const [fileIds, setFileIds] = useState<string[]>([]);
  // preserve: a member has one source and no radio for it, so the field is not registered but keeps its initial value.
  const source = Form.useWatch('source', { form, preserve: true });

  useEffect(() => {
    const r = existing.data;
    if (!r) return;
    form.setFieldsValue({ category: r.category, ...r.original });
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: async ({ values, submit }: { values: Values; submit: boolean }) => {
      const body = { situation: values.situation, analysis: values.analysis, suggestions: values.suggestions };
      let reportId = id;
      if (id) {
        await api.patch(`/api/v1/opinions/${id}`, {
          title: values.title,
          category: values.category,
          body,
          fileIds: fileIds.length ? fileIds : undefined,
        });
      } else {
        const bySource = values.source && values.source !== 'member';
        reportId = (
          await api.post<{ id: string }>('/api/v1/opinions', {
            title: values.title,
            category: values.category,
            body,
            coAuthorIds: !bySource && values.coAuthorIds?.length ? values.coAuthorIds : undefined,
            source: values.source,
            sourceOrgId: bySource && values.source !== 'informant' ? values.sourceOrgId : undefined,
            sourceName: values.source === 'informant' ? values.sourceName : undefined,
            fileIds: fileIds.length ? fileIds : undefined,
          })
        ).id;
      }
      if (submit) await api.post(`/api/v1/opinions/${reportId}/actions/submit`, {});
      return reportId!;
    },
    onSuccess: (reportId, { submit }) => {
      message.success(submit ? '社情民意信息已报送' : '草稿已保存');
      void client.invalidateQueries({ queryKey: ['opinions'] });
      void client.invalidateQueries({ queryKey: ['opinion', reportId] });
      navigate(`/opinions/${reportId}`);
    },
    onError: (error: Error) => message.error(error.message),
  });

  if ((id && existing.isLoading) || meta.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  // Office staff without a member account record for others; a member who is also office staff may do both.
  const sources = (meta.data?.sources ?? []).filter((s) => (s.value === 'member' ? isMember : meta.data?.isOffice));
  const orgOptions = source === 'party' ? meta.data?.parties : source === 'sector' ? meta.data?.sectors : [];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id ? '修改社情民意信息' : '撰写社情民意信息'}
        </Typography.Title>
      }
    >
      {existing.data?.status === 'returned' && (
        <Typography.Paragraph type="warning">信息已被退回修改，请根据办理记录中的意见修改后重新报送。</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: isMember ? 'member' : sources[0]?.value }}
        onFinish={(values) => save.mutate({ values, submit: true })}
        scrollToFirstError
      >
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, message: '请填写标题' },
            { max: OPINION_TITLE_MAX, message: `标题不能超过 ${OPINION_TITLE_MAX} 个字` },
          ]}
          extra="一事一报，标题点明问题和建议"
        >
          <Input maxLength={OPINION_TITLE_MAX} showCount placeholder="关于……的建议" />
        </Form.Item>
        {!id && sources.length > 1 && (
          <Form.Item name="source" label="信息来源">
            <Radio.Group optionType="button" options={sources} onChange={() => form.setFieldValue('sourceOrgId', undefined)} />
          </Form.Item>
        )}
        {!id && (source === 'party' || source === 'sector') && (
          <Form.Item name="sourceOrgId" label="来源单位" rules={[{ required: true, message: '请选择来源党派团体或界别' }]}>
            <Select options={(orgOptions ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        {!id && source === 'informant' && (
          <Form.Item name="sourceName" label="信息员姓名" rules={[{ required: true, message: '请填写特约信息员姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select style={{ minWidth: 160 }} options={(meta.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          {!id && source === 'member' && (
            <Form.Item name="coAuthorIds" label="联名委员（可选）">
              <Select
                mode="multiple"
                style={{ minWidth: 220 }}
                showSearch={{ filterOption: false, onSearch: setMemberQuery }}
                options={(members.data?.items ?? [])
                  .filter((m) => m.id !== me?.memberId)
                  .map((m) => ({ value: m.id, label: m.sectorName ? `${m.name}（${m.sectorName}）` : m.name }))}
                placeholder="输入姓名或拼音搜索委员"
              />
            </Form.Item>
          )}
        </Space>
        <ThreePartBody hints={{ situation: '反映的问题和基本情况', analysis: '问题的原因和影响' }} />
        <Form.Item label="附件">
          <FileUpload label="上传附件" onUploaded={(fileId) => setFileIds((ids) => [...ids, fileId])} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            报送信息
          </Button>
          <Button
            loading={save.isPending}
            onClick={async () => {
              const values = await form.validateFields();
              save.mutate({ values, submit: false });
            }}
          >
            保存草稿
          </Button>
          <Link to={id ? `/opinions/${id}` : '/opinions/mine'}>
            <Button type="link">取消</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}
